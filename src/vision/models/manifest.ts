import { GlimpseError } from '../../errors.ts';

/** What a model is for; each task has exactly one default model and may have alternatives. */
export type ModelTask = 'person-detector' | 'face-detector' | 'face-embedder' | 'body-embedder';

export const MODEL_TASKS: readonly ModelTask[] = [
  'person-detector',
  'face-detector',
  'face-embedder',
  'body-embedder',
];

/** The picture a model takes: one NCHW tensor. */
export interface ModelInput {
  /** Name of the ONNX input tensor. */
  tensor: string;
  /** Pixels; null where the model takes any size (a multiple of 32 for the face detectors). */
  width: number | null;
  height: number | null;
}

/** Where a user with internet gets the exact file whose sha256 the manifest records. */
export type ModelDownload =
  | { kind: 'url'; url: string }
  | {
      kind: 'npm';
      /** npm package holding the file, its version, and the file's path in the tarball. */
      packageName: string;
      version: string;
      member: string;
      tarballUrl: string;
    };

/** Where the file was taken from: a repository, a path in it and a commit (or npm version). */
export interface ModelOrigin {
  repo: string;
  path: string;
  commit: string;
}

export interface ModelSpec {
  /** The file name without `.onnx`. */
  id: string;
  task: ModelTask;
  file: string;
  sha256: string;
  sizeBytes: number;
  input: ModelInput;
  /** Length of the embedding, for embedders. */
  embeddingSize?: number;
  preprocessing: string;
  licence: string;
  isDefault: boolean;
  origin: ModelOrigin;
  download: ModelDownload;
}

function githubRaw(origin: ModelOrigin): ModelDownload {
  return {
    kind: 'url',
    url: `https://github.com/${origin.repo}/raw/${origin.commit}/${origin.path}`,
  };
}

const yoloxOrigin = {
  repo: 'skpawar1305/rs_yolox',
  path: 'weights/yolox_nano.onnx',
  commit: '18ff8bc330b8c742869254081d8f4838deacf251',
};
const nanodetOrigin = {
  repo: 'hpc203/nanodet-opncv-dnn-cpp-python',
  path: 'nanodet_m.onnx',
  commit: 'f46e225a0c92ef611395425940927cc4cbef3fb5',
};
const yunetFixedOrigin = {
  repo: 'ShiqiYu/libfacedetection.train',
  path: 'onnx/yunet_s_640_640.onnx',
  commit: '0047ac24afb1a50a0c6105001c89d1b5b805dbf1',
};
const yunetDynamicOrigin = { ...yunetFixedOrigin, path: 'onnx/yunet_s_dynamic.onnx' };
// The file was later deleted from this repository; the commit below still holds it.
const scrfdOrigin = {
  repo: 'ShiqiYu/libfacedetection.train',
  path: 'onnx/scrfd_500m_bnkps.onnx',
  commit: '204b0c9f687f2fd5c012988199a3cd47feb69a90',
};
const mobileFaceNetOrigin = {
  repo: 'diandianti/photo_analyze',
  path: 'models/mobilefacenet.onnx',
  commit: 'dca5ae5a3977e9c4d2206e246cc55775fa7a9ed1',
};
const facepluginOrigin = {
  repo: 'Faceplugin-ltd/FaceRecognition-LivenessDetection-Javascript',
  path: 'model/fr_feature.onnx',
  commit: 'npm faceplugin-face-recognition-js@0.0.1',
};
const osnetOrigin = {
  repo: 'akshaydhame2001/YOLOv8_Tracking_TensorRT',
  path: 'osnet_x0_25_msmt17.onnx',
  commit: '9a5b6fbdf36285fd5b384532f6c2ecd15a675ca2',
};

const YUNET_PREPROCESSING =
  'BGR 0-255, no normalisation; letterbox top-left; score = sqrt(cls * obj); ' +
  'box centre = (cell + b) * stride, size = exp(b) * stride; landmarks = (k + cell) * stride';

/** Every model Glimpse knows, with the checksums of the exact files it was tested with. */
export const MODELS: readonly ModelSpec[] = [
  {
    id: 'yolox_nano',
    task: 'person-detector',
    file: 'yolox_nano.onnx',
    sha256: '4903c9058f6e2553834e9905be1ae5d67e262cb6321964dbc57a49edc6fa10da',
    sizeBytes: 3659407,
    input: { tensor: 'images', width: 416, height: 416 },
    preprocessing:
      'BGR 0-255, no normalisation; letterbox top-left, pad 114; COCO class 0 is person; ' +
      'output raw: (xy + grid) * stride, exp(wh) * stride, obj and cls already sigmoid; ' +
      'strides 8/16/32',
    licence: 'Apache-2.0 (Megvii YOLOX)',
    isDefault: true,
    origin: yoloxOrigin,
    download: githubRaw(yoloxOrigin),
  },
  {
    id: 'nanodet_m_416',
    task: 'person-detector',
    file: 'nanodet_m_416.onnx',
    sha256: '4b82da9944b88577175ee23a459dce2e26e6e4be573def65b1055dc2d9720186',
    sizeBytes: 3800954,
    input: { tensor: 'input.1', width: 416, height: 416 },
    preprocessing:
      'BGR, mean (103.53, 116.28, 123.675), std (57.375, 57.12, 58.395); letterbox centre, ' +
      'pad 0; class sigmoid [N,80] + GFL distances [N,32], reg_max 7',
    licence: 'Apache-2.0 (NanoDet)',
    isDefault: false,
    origin: nanodetOrigin,
    download: githubRaw(nanodetOrigin),
  },
  {
    id: 'yunet_s_dynamic',
    task: 'face-detector',
    file: 'yunet_s_dynamic.onnx',
    sha256: 'daede24002cc8590f457998cc5e6c9e8b82f45f6bd969506a8913cd4ed10a2d3',
    sizeBytes: 237823,
    input: { tensor: 'input', width: null, height: null },
    preprocessing: `${YUNET_PREPROCESSING}; pad input to a multiple of 32; score threshold 0.8`,
    licence: 'Apache-2.0',
    isDefault: true,
    origin: yunetDynamicOrigin,
    download: githubRaw(yunetDynamicOrigin),
  },
  {
    id: 'yunet_s_640_640',
    task: 'face-detector',
    file: 'yunet_s_640_640.onnx',
    sha256: '8f2383e4dd3cfbb4553ea8718107fc0423210dc964f9f4280604804ed2552fa4',
    sizeBytes: 232589,
    input: { tensor: 'input', width: 640, height: 640 },
    preprocessing: `${YUNET_PREPROCESSING}; score threshold 0.8`,
    licence: 'Apache-2.0',
    isDefault: false,
    origin: yunetFixedOrigin,
    download: githubRaw(yunetFixedOrigin),
  },
  {
    id: 'scrfd_500m_bnkps',
    task: 'face-detector',
    file: 'scrfd_500m_bnkps.onnx',
    sha256: '6c6ba7956684796d7d582bfa1ab95dfe01dd280159f6bff1e23c1bc32bcc8431',
    sizeBytes: 2529618,
    input: { tensor: 'input.1', width: null, height: null },
    preprocessing:
      'RGB (x - 127.5) / 128; letterbox top-left, pad 0; 2 anchors per cell at ' +
      '(x * stride, y * stride); box and landmarks = anchor +- d * stride',
    licence: 'Non-commercial research only (InsightFace pretrained weights; code MIT)',
    isDefault: false,
    origin: scrfdOrigin,
    download: githubRaw(scrfdOrigin),
  },
  {
    id: 'mobilefacenet_128d',
    task: 'face-embedder',
    file: 'mobilefacenet_128d.onnx',
    sha256: 'f055d9c9a4d826d198c42666590fdefa0fdc1374a75ccb6306c3d1b1bf8f74c5',
    sizeBytes: 3973728,
    input: { tensor: 'input', width: 112, height: 112 },
    embeddingSize: 128,
    preprocessing:
      '5-point similarity warp to the ArcFace 112x112 template; RGB (x - 127.5) / 128; ' +
      'L2-normalise the output',
    licence: 'Unknown (none declared, provenance unknown)',
    isDefault: true,
    origin: mobileFaceNetOrigin,
    download: githubRaw(mobileFaceNetOrigin),
  },
  {
    id: 'faceplugin_fr_feature_512d',
    task: 'face-embedder',
    file: 'faceplugin_fr_feature_512d.onnx',
    sha256: '87aacdfe57510db2af90c0251df680e8eec88f122ee94712121d09bcaaaf3581',
    sizeBytes: 4884269,
    input: { tensor: 'input', width: 112, height: 112 },
    embeddingSize: 512,
    preprocessing:
      '5-point similarity warp to the ArcFace 112x112 template; BGR (x - 127) / 128; ' +
      'L2-normalise the output',
    licence: 'MIT (npm package licence; model origin undocumented)',
    isDefault: false,
    origin: facepluginOrigin,
    download: {
      kind: 'npm',
      packageName: 'faceplugin-face-recognition-js',
      version: '0.0.1',
      member: 'package/model/fr_feature.onnx',
      tarballUrl:
        'https://registry.npmjs.org/faceplugin-face-recognition-js/-/faceplugin-face-recognition-js-0.0.1.tgz',
    },
  },
  {
    id: 'osnet_x0_25_msmt17',
    task: 'body-embedder',
    file: 'osnet_x0_25_msmt17.onnx',
    sha256: '61b2604171ef9d58d21758626f83b35a253c3d7123976523a6e03068c3c95d7b',
    sizeBytes: 921616,
    input: { tensor: 'images', width: 128, height: 256 },
    embeddingSize: 512,
    preprocessing:
      'crop, stretch to 128x256, RGB / 255, ImageNet mean and std; L2-normalise the output',
    licence: 'MIT (deep-person-reid weights)',
    isDefault: true,
    origin: osnetOrigin,
    download: githubRaw(osnetOrigin),
  },
];

export function findModel(id: string): ModelSpec | undefined {
  return MODELS.find((model) => model.id === id);
}

export function defaultModel(task: ModelTask): ModelSpec {
  const model = MODELS.find((candidate) => candidate.task === task && candidate.isDefault);
  if (!model) throw new Error(`The model manifest has no default model for ${task}`);
  return model;
}

/** The model for a task: the one named by `id`, or the task's default. */
export function selectModel(task: ModelTask, id?: string): ModelSpec {
  if (id === undefined) return defaultModel(task);

  const model = findModel(id);
  if (model?.task === task) return model;

  const choices = MODELS.filter((candidate) => candidate.task === task).map((m) => m.id);
  throw new GlimpseError(`There is no ${task} model named "${id}".`, {
    hint: `Choose one of: ${choices.join(', ')}.`,
    code: 'MODEL_UNKNOWN',
  });
}

/** How to get a model file by hand, as one sentence for people. */
export function describeDownload(model: ModelSpec): string {
  if (model.download.kind === 'url') return `Download it from ${model.download.url}`;

  const { packageName, version, member } = model.download;
  return (
    `It comes inside the npm package ${packageName}@${version}: run ` +
    `\`npm pack ${packageName}@${version}\`, extract ${member} from the tarball ` +
    `and rename it ${model.file}`
  );
}
