/** The knowledge base and the normal-time programs, fetched together as one chunk (see lazy-pages.ts). */
export { KnowledgePage } from './knowledge-page';
export { ProgramsPage } from './programs-page';
