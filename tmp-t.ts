import { createCanvas, loadImage } from '@napi-rs/canvas';
import { writeFileSync } from 'node:fs';
for (const n of ['review-page', 'factual-accuracy-page', 'findings-already-submitted']) {
  const img = await loadImage(`test-artifacts/${n}.png`);
  const top = Math.min(img.height, 2400);
  const c = createCanvas(Math.round(img.width / 2), Math.round(top / 2));
  c.getContext('2d').drawImage(img, 0, 0, img.width, top, 0, 0, c.width, c.height);
  writeFileSync(`/tmp/${n}-small.png`, c.toBuffer('image/png'));
  console.log(n, img.width, img.height);
}
