type ContactInfo = { email: string; phone?: string };
type PersonName = { firstName: string; lastName: string };

/** Intersection alias: the requester is a person with contact info. */
export type Requester = PersonName & ContactInfo & { id: string; locale: string };

/** Discriminated union: who wrote a ticket message. */
export type TicketAuthor =
  | { kind: 'customer'; customerId: string; email: string; fullName: string }
  | { kind: 'agent'; agentId: string; teamId: string; shift: 'day' | 'night' };

/** Union alias: a caller is either a known requester or an anonymous visitor. */
export type Caller = Requester | { id: string; anonymous: true; locale: string };

export type TicketStats = { ticketId: string; minutesOpen: number; replies: number; priority: 'low' | 'normal' | 'urgent' };
