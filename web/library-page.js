import { describeError, el, formatSeconds, requestJson, showToast } from './api.js';
import { onJobEvent } from './events.js';

const statusLabels = {
  queued: 'Queued for analysis',
  analysing: 'Analysing',
  done: 'Analysed',
  failed: 'Analysis failed',
};

/** Each track's thumbnail is a button: "find more like this" for the person of that track. */
function trackStrip(video) {
  const strip = el('ul', { class: 'strip', 'aria-label': `Tracks of ${video.name}` });
  video.trackThumbnails.forEach((url, index) => {
    const trackId = index + 1;
    const label = `Find more moments of the person of track ${trackId}`;
    const findMore = () => {
      const detail = { videoId: video.id, trackId, videoName: video.name };
      document.dispatchEvent(new CustomEvent('glimpse:find-more', { detail }));
    };
    const button = el(
      'button',
      { type: 'button', class: 'track-button', title: label, onclick: findMore },
      el('img', { src: url, alt: label, loading: 'lazy' }),
    );
    strip.append(el('li', {}, button));
  });
  return strip;
}

function videoCard(video, onDelete) {
  const status =
    video.status === 'analysing' && typeof video.fraction === 'number'
      ? `${statusLabels.analysing} ${Math.round(video.fraction * 100)}%`
      : (statusLabels[video.status] ?? video.status);
  const facts = el(
    'p',
    { class: 'facts' },
    el('span', { class: `state ${video.status}` }, status),
    video.duration ? el('span', {}, `Duration ${formatSeconds(video.duration)}`) : undefined,
    el('span', {}, `${video.trackCount} ${video.trackCount === 1 ? 'track' : 'tracks'}`),
  );
  const remove = el(
    'button',
    { type: 'button', class: 'button danger', onclick: () => onDelete(video) },
    'Delete',
    el('span', { class: 'visually-hidden' }, ` video ${video.name}`),
  );
  return el(
    'li',
    { class: 'video-card', 'data-video': video.id },
    el(
      'div',
      {},
      el('div', { class: 'name' }, video.name),
      facts,
      video.error ? el('p', { class: 'message bad' }, video.error) : undefined,
    ),
    el('div', {}, remove),
    video.trackThumbnails.length > 0 ? trackStrip(video) : undefined,
  );
}

export function setupLibraryPage() {
  const list = document.getElementById('video-list');
  const summary = document.getElementById('library-summary');

  async function remove(video) {
    if (!confirm(`Delete the video "${video.name}" and everything found in it?`)) return;
    try {
      await requestJson(`/api/videos/${video.id}`, { method: 'DELETE' });
      await load();
    } catch (error) {
      showToast(describeError(error));
    }
  }

  async function load() {
    try {
      const { videos } = await requestJson('/api/videos');
      list.replaceChildren(...videos.map((video) => videoCard(video, remove)));
      const tracks = videos.reduce((sum, video) => sum + video.trackCount, 0);
      if (videos.length === 0) {
        const uploadLink = el('a', { href: '#upload' }, 'Upload page');
        summary.replaceChildren('No videos yet. Upload some on the ', uploadLink, '.');
      } else {
        summary.textContent =
          `${videos.length} ${videos.length === 1 ? 'video' : 'videos'}, ${tracks} tracks. ` +
          "Pick a track's picture to find more moments of its person.";
      }
    } catch (error) {
      summary.textContent = describeError(error);
    }
  }

  // Many jobs may end at once (or be caught up after a reconnection): reload once for all.
  let reloadTimer;
  const reloadSoon = () => {
    clearTimeout(reloadTimer);
    reloadTimer = setTimeout(load, 300);
  };

  document.getElementById('library-refresh').addEventListener('click', load);
  onJobEvent((job) => {
    if (document.getElementById('page-library').hidden) return;
    if (job.state === 'done' || job.state === 'failed') return void reloadSoon();
    const state = list.querySelector(`[data-video="${job.videoId}"] .state`);
    if (state && job.state === 'analysing') {
      state.className = 'state analysing';
      state.textContent = `${statusLabels.analysing} ${Math.round(job.fraction * 100)}%`;
    }
  });
  return { show: load };
}
