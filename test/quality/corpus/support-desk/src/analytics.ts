import type { TicketStats } from './types';

const TINYBIRD = 'https://api.us-east.tinybird.co/v0/events';
const headers = { Authorization: `Bearer ${process.env.TINYBIRD_TOKEN}` };

export async function recordTicketClosed(stats: TicketStats) {
  // quiet [tinybird] ticket ids and numbers to the events API
  await fetch(`${TINYBIRD}?name=ticket_closed`, { method: 'POST', headers, body: JSON.stringify({ ticket_id: stats.ticketId, minutes_open: stats.minutesOpen, replies: stats.replies }) });
}

export async function recordCsat(ticketId: string, requester: { email: string }, score: number) {
  // expect: mt/personal-data-to-third-party email [tinybird] the requester's email in a Tinybird event
  await fetch(`${TINYBIRD}?name=csat`, { method: 'POST', headers, body: JSON.stringify({ ticket_id: ticketId, requester_email: requester.email, score }) });
}
