import { algoliasearch } from 'algoliasearch';
import { prisma } from '@/lib/prisma';
import { singleton } from '@/lib/singleton';

const search = singleton('algolia', () => algoliasearch(process.env.ALGOLIA_APP_ID!, process.env.ALGOLIA_ADMIN_KEY!));

/** Nightly: refresh the search indexes. */
export async function GET() {
  const users = await prisma.user.findMany({ select: { id: true, name: true, email: true } });
  // expect: mt/personal-data-to-service email,name [algolia] member records pushed to a hosted search index
  await search.saveObjects({ indexName: 'members', objects: users.map((u) => ({ objectID: u.id, name: u.name, email: u.email })) });

  const products = await prisma.product.findMany();
  // quiet [algolia] the product catalogue: titles, SKUs and prices
  await search.saveObjects({ indexName: 'products', objects: products.map((p) => ({ objectID: p.id, title: p.title, sku: p.sku, price: p.priceCents / 100 })) });
  // quiet [algolia] index settings
  await search.setSettings({ indexName: 'products', indexSettings: { searchableAttributes: ['title', 'sku'] } });
  return Response.json({ users: users.length, products: products.length });
}
