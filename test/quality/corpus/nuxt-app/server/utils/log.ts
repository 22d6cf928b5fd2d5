import { consola } from 'consola';

export const log = consola.withTag('contact');
