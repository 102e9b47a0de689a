import { BodyEmbedder } from '../vision/body-embedder.ts';
import { FaceDetector } from '../vision/face-detector.ts';
import { FaceEmbedder } from '../vision/face-embedder.ts';
import { locateModel } from '../vision/models/locate.ts';
import { PersonDetector } from '../vision/person-detector.ts';

/**
 * The models a query needs, each loaded on first use and then kept: a face query never loads
 * the person models, and the next search in the same process loads nothing.
 */
export class SearchModels {
  private faceDetectorLoad?: Promise<FaceDetector>;
  private faceEmbedderLoad?: Promise<FaceEmbedder>;
  private personDetectorLoad?: Promise<PersonDetector>;
  private bodyEmbedderLoad?: Promise<BodyEmbedder>;

  faceDetector(): Promise<FaceDetector> {
    return (this.faceDetectorLoad ??= locateModel('face-detector').then(FaceDetector.load));
  }

  faceEmbedder(): Promise<FaceEmbedder> {
    return (this.faceEmbedderLoad ??= locateModel('face-embedder').then((path) =>
      FaceEmbedder.load(path),
    ));
  }

  personDetector(): Promise<PersonDetector> {
    return (this.personDetectorLoad ??= locateModel('person-detector').then(PersonDetector.load));
  }

  bodyEmbedder(): Promise<BodyEmbedder> {
    return (this.bodyEmbedderLoad ??= locateModel('body-embedder').then(BodyEmbedder.load));
  }

  /** Releases the models loaded so far; the holder loads them again if asked. */
  async release(): Promise<void> {
    const loads = [
      this.faceDetectorLoad,
      this.faceEmbedderLoad,
      this.personDetectorLoad,
      this.bodyEmbedderLoad,
    ];
    this.faceDetectorLoad = this.faceEmbedderLoad = undefined;
    this.personDetectorLoad = this.bodyEmbedderLoad = undefined;
    await Promise.all(loads.map(async (load) => (await load?.catch(() => undefined))?.release()));
  }
}

let shared: SearchModels | undefined;

/** The process's one holder, so that models load once however many searches run. */
export function sharedSearchModels(): SearchModels {
  return (shared ??= new SearchModels());
}
