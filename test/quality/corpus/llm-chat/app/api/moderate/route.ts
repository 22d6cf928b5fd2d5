import { getOpenAI } from '@/lib/ai';

export async function POST(req: Request) {
  const { userMessage } = await req.json();
  // expect: mt/personal-data-to-service user-content [openai] what the user wrote, sent for moderation through a lazy getter
  const moderation = await getOpenAI().moderations.create({ model: 'omni-moderation-latest', input: userMessage });
  // quiet [openai] listing the models
  const models = await getOpenAI().models.list();
  return Response.json({ flagged: moderation.results[0]?.flagged ?? false, models: models.data.length });
}
