import { describeError, el, formatSeconds, requestJson } from './api.js';
import { makeDropZone } from './drop-zone.js';
import { openMoment } from './player.js';

function setStatus(text, bad = false) {
  const status = document.getElementById('search-status');
  status.textContent = text;
  status.className = bad ? 'status bad' : 'status';
}

function groupByVideo(moments) {
  const videos = new Map();
  for (const moment of moments) {
    if (!videos.has(moment.videoId)) {
      videos.set(moment.videoId, {
        id: moment.videoId,
        name: moment.videoName,
        duration: moment.videoDuration,
        moments: [],
      });
    }
    videos.get(moment.videoId).moments.push(moment);
  }
  return [...videos.values()];
}

function timeline(video) {
  const bar = el('div', {
    class: 'timeline',
    role: 'img',
    'aria-label': `Where the person appears in ${video.name}`,
  });
  // A video whose length is unknown is drawn as long as its last moment.
  const duration = video.duration || Math.max(...video.moments.map((moment) => moment.end));
  for (const moment of video.moments) {
    const left = (moment.start / duration) * 100;
    const width = ((moment.end - moment.start) / duration) * 100;
    bar.append(
      el('span', {
        style: `left:${left}%;width:${width}%`,
        title: `${formatSeconds(moment.start)}–${formatSeconds(moment.end)}`,
      }),
    );
  }
  return bar;
}

function momentItem(moment, onMore) {
  const when = `${formatSeconds(moment.start)}–${formatSeconds(moment.end)}`;
  const score = `${Math.round(moment.score * 100)}%`;
  return el(
    'li',
    {
      class: 'moment',
      'data-moment': `${moment.videoId}:${moment.trackId}`,
      'data-start': String(moment.start),
    },
    el(
      'button',
      { type: 'button', class: 'moment-open', onclick: () => openMoment(moment) },
      el('img', { src: moment.thumbnail, alt: '', loading: 'lazy' }),
      el('span', {}, `Play moment ${when}`, el('br'), `Match ${score}`),
    ),
    el('a', { class: 'button secondary', href: moment.clip, download: '' }, 'Download clip'),
    el(
      'button',
      { type: 'button', class: 'button secondary', onclick: () => onMore(moment) },
      'Find more like this',
    ),
  );
}

function renderMoments(moments, onMore) {
  const results = document.getElementById('results');
  if (moments.length === 0) return void results.replaceChildren();
  const videos = groupByVideo(moments);
  results.replaceChildren(
    el(
      'h2',
      {},
      `${moments.length} ${moments.length === 1 ? 'moment' : 'moments'} in ${videos.length} ${videos.length === 1 ? 'video' : 'videos'}`,
    ),
    el(
      'ul',
      { class: 'result-videos' },
      videos.map((video) =>
        el(
          'li',
          { class: 'result-video', 'data-video': video.id },
          el('h3', {}, video.name),
          timeline(video),
          el(
            'ul',
            { class: 'moments' },
            video.moments.map((moment) => momentItem(moment, onMore)),
          ),
        ),
      ),
    ),
  );
}

function foundText(answer) {
  const threshold = `with a match of ${Math.round(answer.query.minScore * 100)}% or more`;
  return answer.moments.length === 0
    ? `No moment of this person ${threshold} in the analysed videos.`
    : `Moments ${threshold}.`;
}

function renderFaces(faces, chosen, onPick) {
  document.getElementById('faces-panel').hidden = false;
  const list = document.getElementById('faces');
  document.getElementById('faces-help').textContent =
    faces.length === 0
      ? "No face in the photo: searching by the person's body instead."
      : faces.length === 1
        ? 'One face found.'
        : 'Pick the person to search for.';
  list.replaceChildren(
    ...faces.map((face) =>
      el(
        'li',
        {},
        el(
          'button',
          {
            type: 'button',
            class: 'face-button',
            'aria-pressed': String(face.index === chosen),
            onclick: () => onPick(face.index),
          },
          el('img', {
            src: face.thumbnail,
            alt: `Face ${face.index + 1}, ${Math.round(face.box[2] - face.box[0])} pixels wide`,
          }),
        ),
      ),
    ),
  );
}

export function setupSearchPage() {
  let photo;

  async function search(face) {
    setStatus('Searching…');
    document.getElementById('results').replaceChildren();
    try {
      const query = face === undefined ? '' : `?face=${face}`;
      const answer = await requestJson(`/api/search${query}`, {
        method: 'POST',
        headers: { 'content-type': photo.type || 'application/octet-stream' },
        body: photo,
      });
      renderFaces(answer.faces, answer.query.faceIndex, (index) => search(index));
      setStatus(`${foundText(answer)} ${answer.query.note ?? ''}`.trim());
      renderMoments(answer.moments, findMore);
    } catch (error) {
      // The faces of an earlier photo must not stay beside this one's error.
      document.getElementById('faces-panel').hidden = true;
      setStatus(describeError(error), true);
    }
  }

  async function findMore(moment) {
    location.hash = '#search';
    document.getElementById('query').hidden = true;
    document.getElementById('results').replaceChildren();
    setStatus(`Searching for more moments like track ${moment.trackId} of ${moment.videoName}…`);
    try {
      const answer = await requestJson('/api/search/track', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ videoId: moment.videoId, trackId: moment.trackId }),
      });
      setStatus(
        answer.moments.length === 0
          ? `No other moment of the person of track ${moment.trackId} of ${moment.videoName}.`
          : `Moments like track ${moment.trackId} of ${moment.videoName}.`,
      );
      renderMoments(answer.moments, findMore);
    } catch (error) {
      setStatus(describeError(error), true);
    }
  }

  function choose(files) {
    photo = files[0];
    if (!photo) return;
    document.getElementById('query').hidden = false;
    const preview = document.getElementById('query-photo');
    URL.revokeObjectURL(preview.src);
    preview.src = URL.createObjectURL(photo);
    search(undefined);
  }

  const input = document.getElementById('photo-input');
  input.addEventListener('change', () => {
    choose([...input.files]);
    input.value = '';
  });
  makeDropZone(document.querySelector('[data-drop="photo"]'), choose);
  document.addEventListener('glimpse:find-more', (event) => findMore(event.detail));
  return {};
}
