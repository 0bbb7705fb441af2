'use client';

import { PageError, type SegmentErrorProps } from '@/components/ui/PageError';

export default function SloError(props: SegmentErrorProps) {
  return <PageError {...props} title="The SLO page failed to render" />;
}
