/** The network's pages, fetched together as one chunk (see lazy-pages.ts). */
export { DirectoryPage } from './directory-page';
export { ImportPage } from './import-page';
export { NewOrganizationPage } from './new-organization-page';
export { ProfilePage } from './profile-page';
