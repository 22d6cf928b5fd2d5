import { Analytics } from '@segment/analytics-node';
import { singleton } from './singleton';

export const segment = singleton('segment', () => new Analytics({ writeKey: process.env.SEGMENT_WRITE_KEY! }));
