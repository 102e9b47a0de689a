import { formatSeconds } from './api.js';

let current;
let pendingSeek;

function describeMoment(moment) {
  const when = `${formatSeconds(moment.start)}–${formatSeconds(moment.end)}`;
  return `Track ${moment.trackId}, ${when}, match ${Math.round(moment.score * 100)}%`;
}

function cancelPendingSeek() {
  if (!pendingSeek) return;
  document.getElementById('player').removeEventListener('loadedmetadata', pendingSeek);
  pendingSeek = undefined;
}

/** Plays `src` from `startAt` seconds once the player knows its length. */
function play(src, startAt) {
  const player = document.getElementById('player');
  cancelPendingSeek();
  pendingSeek = () => {
    pendingSeek = undefined;
    player.currentTime = startAt;
    player.play().catch(() => {
      // Autoplay may be refused; the user presses play and the position is already right.
    });
  };
  if (player.getAttribute('src') === src && player.readyState >= 1) pendingSeek();
  else {
    player.addEventListener('loadedmetadata', pendingSeek, { once: true });
    player.src = src;
  }
}

/** A video the browser cannot decode (AVI, some MKV) plays as the moment's clip, cut as MP4. */
function playClipInstead() {
  const player = document.getElementById('player');
  const info = document.getElementById('player-info');
  if (!current) return;
  if (player.getAttribute('src') === current.video) {
    info.textContent = `${describeMoment(current)}. This video's format does not play in the browser, so the moment's clip plays instead.`;
    play(current.clip, 0);
  } else {
    info.textContent = `${describeMoment(current)}. This moment cannot play here; download the clip to watch it.`;
  }
}

/** Plays a moment's video from the moment's start, in a modal dialog. */
export function openMoment(moment) {
  current = moment;
  const dialog = document.getElementById('player-dialog');
  document.getElementById('player-title').textContent = moment.videoName;
  document.getElementById('player-info').textContent = describeMoment(moment);
  document.getElementById('player-download').href = moment.clip;
  play(moment.video, moment.start);
  if (!dialog.open) dialog.showModal();
}

export function setupPlayer() {
  const dialog = document.getElementById('player-dialog');
  const player = document.getElementById('player');
  document.getElementById('player-close').addEventListener('click', () => dialog.close());
  // A video still loading when the dialog closes must not start playing behind it.
  dialog.addEventListener('close', () => {
    cancelPendingSeek();
    player.pause();
  });
  player.addEventListener('error', playClipInstead);
  document.getElementById('player-more').addEventListener('click', () => {
    dialog.close();
    document.dispatchEvent(new CustomEvent('glimpse:find-more', { detail: current }));
  });
}
