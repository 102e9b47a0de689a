import { describe, expect, it } from 'vitest';
import type { Box } from '../geometry/box.ts';
import { assignFacesToPersons } from './assign-faces.ts';

/** A standing person's box and their face near its top, centred. */
function standing(x: number, y: number, height: number): { person: Box; face: Box } {
  const width = height * 0.4;
  const faceSize = height / 8;
  const faceX = x + (width - faceSize) / 2;
  const faceY = y + height * 0.04;
  return {
    person: [x, y, x + width, y + height],
    face: [faceX, faceY, faceX + faceSize, faceY + faceSize],
  };
}

describe(assignFacesToPersons.name, () => {
  it('should give each of two people side by side their own face', () => {
    // The left person stretches an arm: their box reaches over the right person's face.
    const left = standing(100, 50, 400);
    const right = standing(230, 60, 380);
    left.person[2] += 120;

    expect(assignFacesToPersons([left.person, right.person], [right.face, left.face])).toEqual([
      1, 0,
    ]);
  });

  it('should leave a face that no person box holds without a person', () => {
    const { person, face } = standing(100, 50, 400);
    const faceElsewhere: Box = [600, 80, 650, 130];

    expect(assignFacesToPersons([person], [faceElsewhere, face])).toEqual([null, 0]);
  });

  it('should give one person box holding two faces only the face at its top', () => {
    // A parent carrying a child at chest height: one person box, two faces.
    const parent = standing(100, 50, 400);
    const childFace: Box = [150, 170, 190, 210];

    expect(assignFacesToPersons([parent.person], [childFace, parent.face])).toEqual([null, 0]);
  });

  it('should give a face in the lower half of a person box to nobody', () => {
    const { person } = standing(100, 50, 400);
    const faceOnShirt: Box = [160, 280, 200, 320];

    expect(assignFacesToPersons([person], [faceOnShirt])).toEqual([null]);
  });

  it('should give a close-up face to the person box around the head', () => {
    // YOLOX and YuNet on a 1920×1080 frame filled by a head: the face reaches below the middle.
    const head: Box = [628, 201, 1289, 863];
    const face: Box = [687, 231, 1249, 858];

    expect(assignFacesToPersons([head], [face])).toEqual([0]);
  });

  it('should give a face only partly inside a person box to nobody', () => {
    const { person } = standing(100, 50, 400);
    const faceAtEdge: Box = [240, 60, 300, 120];

    expect(assignFacesToPersons([person], [faceAtEdge])).toEqual([null]);
  });

  it('should give the face of someone far behind to their own small box', () => {
    // The near person's box holds the far person's box and face too.
    const near = standing(100, 40, 440);
    const far = standing(150, 60, 120);

    expect(assignFacesToPersons([near.person, far.person], [far.face, near.face])).toEqual([1, 0]);
  });

  it('should answer empty lists with empty lists', () => {
    expect(assignFacesToPersons([], [])).toEqual([]);
    expect(assignFacesToPersons([], [[0, 0, 10, 10]])).toEqual([null]);
  });
});
