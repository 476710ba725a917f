/** The public information pages (statements with their signature, an incident's bulletins), a chunk of their own. */
export { BulletinsPage } from './bulletins-page';
export { StatementPage } from './statement-page';
