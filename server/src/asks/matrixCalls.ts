import { uuidv7 } from 'uuidv7';
import { multipart, phonePhoto } from '../photos/fixtures';
import type { TestClient } from '../testing/client';
import { voiceForm, webmVoice } from './fixtures';

type Side = 'inside' | 'outside';
interface Where {
  resident: TestClient;
  courtyard: { path: string };
  matterId: string;
}

/**
 * The authorisation matrix's calls for the 找院长 routes: each side's resident asks, with a photo and a
 * voice note for the reading routes, and a fresh ask for every step, so that no step meets a final state.
 */
export function askMatrixCalls(sideOf: (side: Side) => Where) {
  const standing = new Map<Side, Promise<{ id: string; photoId: string }>>();
  const fresh = async (side: Side, withMedia = false) => {
    const { resident } = sideOf(side);
    const body: Record<string, unknown> = { id: uuidv7(), kind: 'dispute', text: '矩阵找院长' };
    if (withMedia) {
      const photo = multipart([{ filename: 'a.jpg', type: 'image/jpeg', data: await phonePhoto({}) }]);
      const photos = await resident.request('POST', '/api/v1/photos', photo.payload, {
        'content-type': photo.contentType,
      });
      const voice = voiceForm(webmVoice());
      const note = await resident.request('POST', '/api/v1/asks/voice', voice.payload, {
        'content-type': voice.contentType,
      });
      body.photoIds = [photos.body[0].id];
      body.voiceNoteId = note.body.id;
    }
    const res = await resident.post('/api/v1/asks', body);
    if (res.status !== 201) throw new Error(`matrix ask failed: ${res.status}`);
    return { id: res.body.id as string, photoId: (res.body.photos[0]?.id as string) ?? '' };
  };
  const askWithMedia = (side: Side) => {
    if (!standing.has(side)) standing.set(side, fresh(side, true));
    return standing.get(side) as Promise<{ id: string; photoId: string }>;
  };
  const at = (side: Side) => sideOf(side).courtyard.path;
  const step = (tail: string, body: (side: Side) => unknown) => async (side: Side) => ({
    method: 'POST' as const,
    url: `/api/v1/asks/${(await fresh(side)).id}/${tail}`,
    body: body(side),
    targetPath: at(side),
  });
  const read = (tail: (a: { id: string; photoId: string }) => string) => async (side: Side) => ({
    method: 'GET' as const,
    url: `/api/v1/asks/${tail(await askWithMedia(side))}`,
    targetPath: at(side),
  });
  return {
    'POST /api/v1/asks/voice': async () => ({
      method: 'POST' as const,
      url: '/api/v1/asks/voice',
      upload: voiceForm(webmVoice()),
      targetPath: null,
    }),
    'POST /api/v1/asks': async () => ({
      method: 'POST' as const,
      url: '/api/v1/asks',
      body: { id: uuidv7(), kind: 'request', text: '矩阵求助' },
      targetPath: null,
    }),
    'GET /api/v1/asks': async () => ({ method: 'GET' as const, url: '/api/v1/asks', targetPath: null }),
    'GET /api/v1/asks/{id}': read((a) => a.id),
    'GET /api/v1/asks/{id}/voice': read((a) => `${a.id}/voice`),
    'GET /api/v1/asks/{id}/photos/{photoId}': read((a) => `${a.id}/photos/${a.photoId}`),
    'POST /api/v1/asks/{id}/answer': step('answer', () => ({ text: '矩阵答复' })),
    'POST /api/v1/asks/{id}/mediation': step('mediation', () => ({
      parties: '甲、乙',
      agreement: '各让一步',
    })),
    'POST /api/v1/asks/{id}/hand-over': step('hand-over', (side) => ({ matterId: sideOf(side).matterId })),
    'POST /api/v1/asks/{id}/outcome': step('outcome', () => ({ action: 'close' })),
  };
}
