/** Warehouses and collection points, fetched together as one chunk (see lazy-pages.ts). */
export { WarehousePage } from './warehouse-page';
export { WarehousesPage } from './warehouses-page';
