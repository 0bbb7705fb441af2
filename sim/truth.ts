// The response types live with the API's; re-exported so the sim's own imports read naturally.
export type { SimTruth, FaultRecord, SimDivergence } from '@/lib/api/sim';
