// The analytics worker thread: TypeScript sources through tsx, as the CLI runs them.
import { register } from 'tsx/esm/api';

register();
await import('./figure-worker-main.ts');
