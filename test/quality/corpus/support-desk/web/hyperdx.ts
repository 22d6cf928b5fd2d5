import HyperDX from '@hyperdx/browser';

HyperDX.init({ apiKey: import.meta.env.VITE_HYPERDX_KEY, service: 'support-web', tracePropagationTargets: [/api\.acme-support\.test/], consoleCapture: true, advancedNetworkCapture: false });

export function onAgentSignedIn(agent: { id: string; email: string; name: string; team: string }) {
  // expect: mt/personal-data-to-third-party email,name [hyperdx] the agent's email and name as global attributes
  HyperDX.setGlobalAttributes({ userId: agent.id, userEmail: agent.email, userName: agent.name, teamName: agent.team });
}

export function onTicketAssigned(ticketId: string, queue: string) {
  // quiet [hyperdx] an action with a ticket id and a queue
  HyperDX.addAction('Ticket Assigned', { ticketId, queue });
}
