import type * as ort from 'onnxruntime-node';
import { GlimpseError } from '../errors.ts';

/** What a model must look like for the code that decodes it: tensor names and fixed sizes. */
export interface ModelContract {
  /** What the model is for, as the user would say it: "person detection". */
  task: string;
  /** Expected input shape; null marks a dimension the model may leave open. */
  inputShape?: readonly (number | null)[];
  /** Output names the decoding reads. */
  outputNames?: readonly string[];
}

/**
 * Throws a GlimpseError naming the file when the model does not match the contract, so a wrong
 * file fails at load instead of producing nonsense detections.
 */
export function assertModelContract(
  session: ort.InferenceSession,
  modelPath: string,
  contract: ModelContract,
): void {
  const problem = findProblem(session, contract);
  if (!problem) return;
  throw new GlimpseError(
    `The model ${modelPath} cannot be used for ${contract.task}: ${problem}.`,
    {
      hint: `Use the ${contract.task} model listed in the models manifest.`,
      code: 'MODEL_UNSUPPORTED',
    },
  );
}

function findProblem(session: ort.InferenceSession, contract: ModelContract): string | undefined {
  const missing = (contract.outputNames ?? []).filter((n) => !session.outputNames.includes(n));
  if (missing.length > 0) return `it has no output ${missing.join(', ')}`;
  if (!contract.inputShape) return undefined;

  const input = session.inputMetadata[0];
  const shape = input?.isTensor ? input.shape : [];
  const fits =
    shape.length === contract.inputShape.length &&
    contract.inputShape.every((size, i) => size === null || shape[i] === size);
  if (fits) return undefined;
  return `its input is [${shape.join(', ')}], expected [${contract.inputShape.map((s) => s ?? '?').join(', ')}]`;
}
