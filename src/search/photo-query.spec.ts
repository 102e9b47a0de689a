import { afterAll, describe, expect, it } from 'vitest';
import { boxArea, boxHeight } from '../geometry/box.ts';
import { readImage } from '../media/image.ts';
import { readVideoFrame, sharedData } from '../vision/testing/shared-data.ts';
import { embedPhotoFace, findFacesInPhoto } from './photo-faces.ts';
import { embedPhotoPerson, findPersonInPhoto } from './photo-person.ts';
import { SearchModels } from './search-models.ts';

describe('query photos', () => {
  const models = new SearchModels();
  afterAll(() => models.release());

  it('should list every face of a group photo, largest first', async () => {
    const photo = await readImage(sharedData('group_photos', 'faceapijs__bbt1.jpg'));
    const faces = await findFacesInPhoto({ photo, models });
    expect(faces.length).toBeGreaterThanOrEqual(4);
    faces.forEach((face, i) => {
      expect(face.index).toBe(i);
      expect(face.size).toBe(Math.round(boxHeight(face.box)));
      expect(face.quality).toBeGreaterThan(0);
      expect(face.quality).toBeLessThanOrEqual(1);
      if (i > 0) expect(boxArea(face.box)).toBeLessThanOrEqual(boxArea(faces[i - 1].box));
    });
  });

  it('should find the one face of a portrait and embed it to unit length', async () => {
    const photo = await readImage(sharedData('faces', 'john_savage', 'dlib__000264_01099001.jpg'));
    const faces = await findFacesInPhoto({ photo, models });
    expect(faces).toHaveLength(1);
    expect(faces[0].usable).toBe(true);
    const embedding = await embedPhotoFace({ photo, face: faces[0], models });
    expect(Math.hypot(...embedding)).toBeCloseTo(1, 3);
  });

  it('should find no usable face but a person in a frame of far-away walkers', async () => {
    const photo = await readVideoFrame(sharedData('video', 'opencv_vtest.avi'), 100);
    const faces = await findFacesInPhoto({ photo, models });
    expect(faces.filter((face) => face.usable)).toHaveLength(0);
    const person = await findPersonInPhoto({ photo, models });
    expect(person).toBeDefined();
    expect(person!.personCount).toBeGreaterThanOrEqual(3);
    const embedding = await embedPhotoPerson({ photo, person: person!, models });
    expect(Math.hypot(...embedding)).toBeCloseTo(1, 3);
  });
});
