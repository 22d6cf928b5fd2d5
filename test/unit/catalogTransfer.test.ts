// The compiled rules a scan's main thread hands its workers (catalog/transfer.ts): after structured cloning and
// reviveCatalog they equal the rules as compiled, prototypes included.
import * as assert from 'assert';
import { isDeepStrictEqual } from 'util';
import { loadCatalog } from '../../server/src/catalog/load';
import { reviveCatalog } from '../../server/src/catalog/transfer';

describe('a catalog sent to a scan worker', () => {
  it('equals the compiled catalog once revived (a class instance added to the catalog must be revived too)', () => {
    const { catalog } = loadCatalog();
    const revived = reviveCatalog(structuredClone(catalog));
    assert.ok(isDeepStrictEqual(revived, catalog), 'the revived clone differs from the compiled catalog: see catalog/transfer.ts');
    const route = [...revived.hostRoutes.values()][0]?.[0];
    assert.ok(route, 'the rules have host routes to check');
    assert.strictEqual(typeof route.path.test, 'function');
  });
});
