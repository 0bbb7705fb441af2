'use client';

import { PageError, type SegmentErrorProps } from '@/components/ui/PageError';

export default function PairError(props: SegmentErrorProps) {
  return <PageError {...props} title="This pair failed to render" />;
}
