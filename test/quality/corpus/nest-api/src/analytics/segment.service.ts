import { Injectable } from '@nestjs/common';
import { Analytics } from '@segment/analytics-node';

/** The Segment client as a provider: other services reach it through `segment.client`. */
@Injectable()
export class SegmentService {
  readonly client = new Analytics({ writeKey: process.env.SEGMENT_WRITE_KEY ?? '' });
}
