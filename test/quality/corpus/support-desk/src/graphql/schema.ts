import { EmailAddressResolver, PhoneNumberResolver, EmailAddressTypeDefinition, PhoneNumberTypeDefinition } from 'graphql-scalars';
import * as Sentry from '@sentry/node';
import { DataSource } from 'typeorm';
import { EmailAddress } from '../entities/EmailAddress';
import { log } from '../lib/log';

export const typeDefs = [
  EmailAddressTypeDefinition,
  PhoneNumberTypeDefinition,
  /* GraphQL */ `
    type Requester { id: ID!, email: EmailAddress!, phone: PhoneNumber }
    type Query { requester(id: ID!): Requester }
  `,
];

export const resolvers = {
  EmailAddress: EmailAddressResolver,
  PhoneNumber: PhoneNumberResolver,
  Query: {
    requester: async (_: unknown, { id }: { id: string }) => ({ id, email: 'x', phone: null }),
  },
};

export async function describeSchema(dataSource: DataSource) {
  // quiet [pino] the names of the resolver map's keys, scalar names included
  log.info({ resolvers: Object.keys(resolvers) }, 'graphql schema built');
  // quiet [sentry] GraphQL scalar names mapped to their resolvers' names
  Sentry.setContext('graphql', { scalars: { EmailAddress: EmailAddressResolver.name, PhoneNumber: PhoneNumberResolver.name } });
  // quiet [console] the scalar's type definition (SDL text)
  console.debug('scalar typedef', EmailAddressTypeDefinition);
  const repo = dataSource.getRepository(EmailAddress);
  // quiet [pino] an ORM entity's name and a row count
  log.info({ entity: EmailAddress.name, rows: await repo.count() }, 'entity ready');
  // quiet [sentry] the entity metadata's table name
  Sentry.setTag('orm.entity', repo.metadata.tableName);
}
