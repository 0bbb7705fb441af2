'use client';

import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';

function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Live data: anything older than one poll is stale, but keep it on screen while refetching.
        staleTime: 500,
        refetchOnWindowFocus: true,
      },
    },
  });
}

/** Gives client components their react-query cache; one client per browser tab. */
export function Providers({ children }: { children: ReactNode }) {
  // useState, not a module constant: during SSR every request must get its own cache.
  const [queryClient] = useState(createQueryClient);
  return <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>;
}
