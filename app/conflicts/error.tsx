'use client';

import { PageError, type SegmentErrorProps } from '@/components/ui/PageError';

export default function ConflictsError(props: SegmentErrorProps) {
  return <PageError {...props} title="The conflicts page failed to render" />;
}
