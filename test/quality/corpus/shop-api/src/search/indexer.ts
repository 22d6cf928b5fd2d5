import Typesense from 'typesense';
import { MeiliSearch } from 'meilisearch';
import { Client as Elastic } from '@elastic/elasticsearch';
import type { Customer, Product } from '../lib/types';

const typesense = new Typesense.Client({ nodes: [{ host: 'xyz.a1.typesense.net', port: 443, protocol: 'https' }], apiKey: process.env.TYPESENSE_ADMIN_KEY!, connectionTimeoutSeconds: 5 });
const meili = new MeiliSearch({ host: 'https://ms-4f2a.meilisearch.io', apiKey: process.env.MEILI_MASTER_KEY });
const elastic = new Elastic({ cloud: { id: process.env.ELASTIC_CLOUD_ID! }, auth: { apiKey: process.env.ELASTIC_API_KEY! } });

export async function indexCustomer(customer: Customer) {
  // expect: mt/personal-data-to-service email,name,phone [typesense] a customer document for the support console's search
  await typesense.collections('customers').documents().upsert({ id: customer.id, name: `${customer.firstName} ${customer.lastName}`, email: customer.email, phone: customer.phone });
  // expect: mt/personal-data-to-service email,name [meilisearch] the same contact in Meilisearch Cloud
  await meili.index('contacts').addDocuments([{ id: customer.id, name: customer.firstName, email: customer.email }]);
  // expect: mt/personal-data-to-service email,postal-address [elasticsearch] the customer's email and address in Elastic Cloud
  await elastic.index({ index: 'customers', id: customer.id, document: { email: customer.email, address: customer.shippingAddress } });
}

export async function indexCatalogue(products: Product[]) {
  // quiet [typesense] product documents
  await typesense.collections('products').documents().import(products.map((p) => ({ id: p.id, title: p.title, sku: p.sku, price: p.priceCents })));
  // quiet [meilisearch] the same products
  await meili.index('products').addDocuments(products.map((p) => ({ id: p.id, title: p.title, description: p.description })));
  // quiet [elasticsearch] refreshing an index
  await elastic.indices.refresh({ index: 'products' });
}
