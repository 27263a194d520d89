// The store contract against the memory adapter (what tests and DATA_DIR-less runs use).
import { openStore } from '../src/store/open-store.js';
import { contractSeeder, storeContract } from './store-contract.js';

const silent = { info() {}, warn() {}, error() {} };

storeContract('memory', async () => ({
  open: () => openStore({ seeder: contractSeeder, logger: silent }),
  cleanUp: async () => undefined,
}), { durable: false });
