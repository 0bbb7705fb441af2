'use client';

import { PageError, type SegmentErrorProps } from '@/components/ui/PageError';

export default function DivergenceError(props: SegmentErrorProps) {
  return <PageError {...props} title="The divergence page failed to render" />;
}
