import { type ConsentRecord, enqueueRecord, listDeadLetters } from 'optin-elements';

export async function send(signedRecord: ConsentRecord) {
  await enqueueRecord(
    'https://shop.example/consents',
    signedRecord,
    {},
    {
      onQueued: ({ storage }) => console.log('saved in', storage),
      onDelivered: ({ result }) => console.log('stored', result.status),
      onRefused: ({ result }) => console.log('refused', result.status, result.message),
    },
  );
  console.log(await listDeadLetters()); // records the endpoint refused for good
}
