import { generateText } from 'ai';
import { openai } from '@ai-sdk/openai';
import { TITLE_PROMPT } from '@/lib/prompts';

export async function POST(req: Request) {
  const { firstMessage, fallback } = await req.json();
  if (!firstMessage) {
    // quiet [openai] a constant prompt (the AI SDK's OpenAI provider) with a constant topic
    const { text } = await generateText({ model: openai('gpt-4o-mini'), system: TITLE_PROMPT, prompt: 'A new conversation' });
    return Response.json({ title: text || fallback });
  }
  // expect: mt/personal-data-to-service user-content [openai] the user's first message as the prompt
  const { text } = await generateText({ model: openai('gpt-4o-mini'), system: TITLE_PROMPT, prompt: firstMessage });
  return Response.json({ title: text });
}
