'use client';

import { PageError, type SegmentErrorProps } from '@/components/ui/PageError';

export default function RootError(props: SegmentErrorProps) {
  return <PageError {...props} title="This page failed to render" backToOverview={false} />;
}
