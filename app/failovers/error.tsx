'use client';

import { PageError, type SegmentErrorProps } from '@/components/ui/PageError';

export default function FailoversError(props: SegmentErrorProps) {
  return <PageError {...props} title="The failovers page failed to render" />;
}
