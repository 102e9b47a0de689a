import type { Library } from '../library/library.ts';

/** Video file extensions accepted for upload (lower case, with the dot). */
export const videoExtensions = [
  '.mp4',
  '.m4v',
  '.mov',
  '.mkv',
  '.webm',
  '.avi',
  '.mpg',
  '.mpeg',
  '.ts',
  '.wmv',
  '.flv',
  '.3gp',
  '.gif',
] as const;

/** Default largest upload: 4 GiB, about an hour of 1080p from a phone. */
export const defaultMaxUploadBytes = 4 * 1024 ** 3;

/** Default largest query photo: 20 MiB, more than any phone photo. */
export const defaultMaxPhotoBytes = 20 * 1024 ** 2;

export interface BuildServerOptions {
  library: Library;
  /** The library's data directory: uploads/, videos/ and clips/ live here. */
  dataDir: string;
  maxUploadBytes?: number;
  maxPhotoBytes?: number;
  /** Folder of the browser app; the checkout's web/ when absent. */
  webDir?: string;
  /** Whether to start analysis of accepted uploads right away (tests of uploads turn it off). */
  analyseUploads?: boolean;
  /**
   * Host names besides localhost that requests may be addressed to; '*' allows any. The
   * default (none) keeps web pages that re-point their DNS name at 127.0.0.1 out.
   */
  allowedHosts?: readonly string[];
}

/** The options with every default filled in, as the route modules receive them. */
export interface ServerContext {
  library: Library;
  dataDir: string;
  maxUploadBytes: number;
  maxPhotoBytes: number;
  webDir: string;
  analyseUploads: boolean;
  allowedHosts: readonly string[];
}
