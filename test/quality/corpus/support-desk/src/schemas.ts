import { z } from 'zod';

export const ticketSchema = z.object({
  requesterEmail: z.string().email(),
  requesterName: z.string().min(1),
  priority: z.enum(['low', 'normal', 'urgent']),
  category: z.enum(['billing', 'bug', 'account']),
});

export type TicketInput = z.infer<typeof ticketSchema>;

export const statsSchema = z.object({ ticketId: z.string(), minutesOpen: z.number(), replies: z.number() });
export type StatsInput = z.infer<typeof statsSchema>;
