import { describeError, el, formatBytes, requestJson } from './api.js';
import { latestJob, onJobEvent } from './events.js';
import { makeDropZone } from './drop-zone.js';

const stateLabels = {
  uploading: 'Uploading',
  queued: 'Queued for analysis',
  analysing: 'Analysing',
  done: 'Analysed',
  failed: 'Analysis failed',
  rejected: 'Rejected',
};

/** One row per file: upload progress from tus, then analysis progress from the event stream. */
function createUploadRow(file) {
  const uploadBar = el('progress', {
    max: '1',
    value: '0',
    'aria-label': `Upload of ${file.name}`,
  });
  const analysisBar = el('progress', {
    max: '1',
    value: '0',
    'aria-label': `Analysis of ${file.name}`,
  });
  const uploadText = el('span', {}, '0%');
  const analysisText = el('span', {}, '–');
  const state = el('span', { class: 'state uploading' }, stateLabels.uploading);
  const message = el('p', { class: 'message' });
  const node = el(
    'li',
    { class: 'upload-item', 'data-file': file.name },
    el(
      'span',
      { class: 'name' },
      file.name,
      ' ',
      el('span', { class: 'muted' }, formatBytes(file.size)),
    ),
    state,
    el(
      'div',
      { class: 'bars' },
      'Upload',
      uploadBar,
      uploadText,
      'Analysis',
      analysisBar,
      analysisText,
    ),
    message,
  );
  const row = {
    node,
    videoId: undefined,
    setState(name, text) {
      state.className = `state ${name}`;
      state.textContent = stateLabels[name];
      node.dataset.state = name;
      message.textContent = text ?? '';
      message.className = name === 'failed' || name === 'rejected' ? 'message bad' : 'message';
    },
    setUpload(fraction) {
      uploadBar.value = fraction;
      uploadText.textContent = `${Math.round(fraction * 100)}%`;
    },
    setAnalysis(fraction) {
      // A caught-up job list knows no fraction; never move a bar backwards.
      if (fraction < analysisBar.value && node.dataset.state === 'analysing') return;
      analysisBar.value = fraction;
      analysisText.textContent = `${Math.round(fraction * 100)}%`;
    },
  };
  return row;
}

function errorFromTus(error) {
  const body = error.originalResponse?.getBody?.();
  try {
    const parsed = JSON.parse(body);
    if (parsed?.error) {
      const { message, hint } = parsed.error;
      return hint ? `${message} ${hint}` : message;
    }
  } catch {
    // Not JSON: a network failure, described by tus itself below.
  }
  return `The upload stopped: ${error.message}`;
}

function applyJob(row, job) {
  row.setState(job.state, job.state === 'failed' ? job.message : undefined);
  if (job.state === 'done') row.setAnalysis(1);
  else if (typeof job.fraction === 'number') row.setAnalysis(job.fraction);
}

function startUpload(file, rows) {
  const row = createUploadRow(file);
  document.getElementById('upload-list').append(row.node);
  const upload = new window.tus.Upload(file, {
    endpoint: '/api/uploads',
    retryDelays: [0, 1000, 3000, 5000, 10000],
    removeFingerprintOnSuccess: true,
    metadata: { filename: file.name, filetype: file.type },
    onProgress: (sent, total) => row.setUpload(total ? sent / total : 0),
    onError: (error) => row.setState('rejected', errorFromTus(error)),
    onSuccess: ({ lastResponse }) => {
      row.setUpload(1);
      const answer = JSON.parse(lastResponse.getBody() || '{}');
      row.videoId = answer.video?.id;
      // The same video may be uploaded twice (another name, another page): both rows follow it.
      rows.set(row.videoId, [...(rows.get(row.videoId) ?? []), row]);
      applyJob(row, latestJob(row.videoId) ?? answer.job ?? { state: 'queued', fraction: 0 });
    },
  });
  // Browser storage may be refused (private windows); the upload then starts afresh.
  upload
    .findPreviousUploads()
    .catch(() => [])
    .then((previous) => {
      if (previous.length > 0) upload.resumeFromPreviousUpload(previous[0]);
      upload.start();
    });
}

export function setupUploadPage() {
  const rows = new Map(); // video id → the rows of its uploads
  const input = document.getElementById('video-input');
  const startAll = (files) => {
    for (const file of files) startUpload(file, rows);
  };
  input.addEventListener('change', () => {
    startAll([...input.files]);
    input.value = '';
  });
  makeDropZone(document.querySelector('[data-drop="videos"]'), startAll);
  onJobEvent((job) => {
    for (const row of rows.get(job.videoId) ?? []) applyJob(row, job);
  });
  const limits = document.getElementById('upload-limits');
  requestJson('/api/config').then(
    (config) => {
      const limit = `Up to ${formatBytes(config.maxUploadBytes)} a video`;
      limits.textContent = `${limit}; ${config.videoExtensions.join(', ')}. Uploads resume after a dropped connection.`;
    },
    (error) => (limits.textContent = `Glimpse cannot be reached: ${describeError(error)}`),
  );
  return {};
}
