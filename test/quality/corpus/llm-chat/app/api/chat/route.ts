import { streamText, type CoreMessage } from 'ai';
import { openai } from '@ai-sdk/openai';
import { SYSTEM_PROMPT, DEFAULT_MODEL } from '@/lib/prompts';
import { logger } from '@/lib/logger';
import { limited } from '@/lib/rate-limit';

export const maxDuration = 30;

export async function POST(req: Request) {
  const ip = req.headers.get('x-forwarded-for') ?? 'unknown';
  if (await limited(ip)) {
    // expect: mt/personal-data-in-logs ip-address [console] the client's IP address in a warning
    console.warn(`chat rate limited for ${ip}`);
    // quiet [console] a constant message
    console.warn('chat rate limit hit');
    return new Response('Too many requests', { status: 429 });
  }
  const { messages, model }: { messages: CoreMessage[]; model?: string } = await req.json();
  // quiet [pino] the model name and the number of turns
  logger.info({ model: model ?? DEFAULT_MODEL, turns: messages.length }, 'chat request');
  // expect: mt/personal-data-in-logs user-content [pino] the last message the user typed, logged for debugging
  logger.debug({ lastMessage: messages.at(-1)?.content }, 'chat input');
  // expect: mt/personal-data-to-service user-content [vercel-ai-sdk] the conversation the user typed goes to the model provider
  const result = streamText({ model: openai(model ?? DEFAULT_MODEL), system: SYSTEM_PROMPT, messages });
  return result.toDataStreamResponse();
}
