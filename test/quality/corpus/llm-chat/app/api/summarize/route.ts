import { anthropic } from '@/lib/ai';
import { SYSTEM_PROMPT } from '@/lib/prompts';

type Note = { id: string; title: string; body: string; authorId: string };

export async function POST(req: Request) {
  const { note, style } = (await req.json()) as { note: Note; style: 'bullets' | 'prose' };
  // expect: mt/personal-data-to-service user-content [anthropic] the note's body the user wrote goes into the prompt
  const msg = await anthropic.messages.create({
    model: 'claude-sonnet-4-5',
    max_tokens: 400,
    system: SYSTEM_PROMPT,
    messages: [{ role: 'user', content: `Summarise as ${style}:\n\n${note.body}` }],
  });
  // quiet [anthropic] a constant instruction about the style, no user text
  const tip = await anthropic.messages.create({ model: 'claude-haiku-4-5', max_tokens: 60, messages: [{ role: 'user', content: `Give one tip for writing ${style === 'bullets' ? 'bullet lists' : 'prose'}.` }] });
  return Response.json({ summary: msg.content, tip: tip.content });
}
