import OpenAI from 'openai';
import Anthropic from '@anthropic-ai/sdk';

let openaiClient: OpenAI | undefined;
export function getOpenAI() {
  return (openaiClient ??= new OpenAI({ apiKey: process.env.OPENAI_API_KEY }));
}

export const anthropic = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY });
