import { formatSeconds } from './api.js';

let current;

/** Plays a moment's video from the moment's start, in a modal dialog. */
export function openMoment(moment) {
  current = moment;
  const dialog = document.getElementById('player-dialog');
  const player = document.getElementById('player');
  document.getElementById('player-title').textContent = moment.videoName;
  document.getElementById('player-info').textContent =
    `Track ${moment.trackId}, ${formatSeconds(moment.start)}–${formatSeconds(moment.end)}, match ${Math.round(moment.score * 100)}%`;
  document.getElementById('player-download').href = moment.clip;
  player.dataset.momentStart = String(moment.start);
  const seek = () => {
    player.currentTime = moment.start;
    player.play().catch(() => {
      // Autoplay may be refused; the user presses play and the position is already right.
    });
  };
  if (player.getAttribute('src') === moment.video && player.readyState >= 1) seek();
  else {
    player.addEventListener('loadedmetadata', seek, { once: true });
    player.src = moment.video;
  }
  if (!dialog.open) dialog.showModal();
}

export function setupPlayer() {
  const dialog = document.getElementById('player-dialog');
  const player = document.getElementById('player');
  document.getElementById('player-close').addEventListener('click', () => dialog.close());
  dialog.addEventListener('close', () => player.pause());
  document.getElementById('player-more').addEventListener('click', () => {
    dialog.close();
    document.dispatchEvent(new CustomEvent('glimpse:find-more', { detail: current }));
  });
}
