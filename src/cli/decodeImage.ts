// Image decoding under Node, for the command line: pure JS, so nothing native to build.
// PNG with fast-png (through the core), JPEG with jpeg-js; WebP has no well-kept pure-JS
// decoder that runs under Node, so it is read in the app only.

import jpeg from 'jpeg-js';
import type { DecodeImage } from '../core/data/images/decode';
import { IMAGE_LIMITS } from '../core/data/images/limits';
import { decodePng } from '../core/data/images/png';
import { InputError } from '../core/util/errors';

export const decodeImageNode: DecodeImage = async (bytes, type) => {
  if (type === 'png') return decodePng(bytes);
  if (type === 'jpeg') {
    // The limits stop a header that lies about its size before jpeg-js allocates for it.
    const image = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: IMAGE_LIMITS.pixels / 1e6, maxMemoryUsageInMB: 1024 });
    return { width: image.width, height: image.height, rgba: image.data };
  }
  throw new InputError('WebP is read in the app; convert to PNG for the command line.');
};
