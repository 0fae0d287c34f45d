import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { confirmationCodeFor, findConfirmationCodes, whatsappConfirmationLink, whatsappNumberDigits } from '../../src/core/messages/confirmation-code.js';

const ID = '0b9c6f0e-8a52-4d4e-9a43-1f2d3c4b5a69';

describe('double opt-in confirmation code', () => {
  it('is the same short code for the same record, and another for another record', async () => {
    const code = await confirmationCodeFor(ID);
    assert.match(code, /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    assert.equal(await confirmationCodeFor(ID), code);
    assert.notEqual(await confirmationCodeFor('1b9c6f0e-8a52-4d4e-9a43-1f2d3c4b5a69'), code);
  });

  it('is found in a message however the person retyped it', async () => {
    const code = await confirmationCodeFor(ID);
    const bare = code.replace('-', '');
    for (const text of [
      `Confirm my subscription to Blumen Berlin. Code: ${code}`,
      code.toLowerCase(),
      `code ${bare}!`,
      `${code.slice(0, 4)} ${code.slice(5)}`,
      `ok ${code.replace(/0/g, 'O').replace(/1/g, 'I')} thanks`,
    ]) {
      assert.ok(findConfirmationCodes(text).includes(code), text);
    }
  });

  it('reads "Code ECKW-E151" as the code, not as C0DE-ECKW only: what people type with a word in front', async () => {
    const code = await confirmationCodeFor(ID);
    const [first, second] = code.split('-');
    for (const text of [
      `Code ${code}`,
      `code ${code.toLowerCase()}`,
      `Code: ${first} ${second}`,
      `My code is ${first}-${second} thanks`,
      `CODE ${first} - ${second}`,
    ]) {
      assert.ok(findConfirmationCodes(text).includes(code), text);
    }
  });

  it('finds no code in ordinary messages or inside longer words and numbers', () => {
    assert.deepEqual(findConfirmationCodes('STOP'), []);
    assert.deepEqual(findConfirmationCodes('hello there'), []);
    assert.ok(!findConfirmationCodes('order 123456789012').some((c) => c.startsWith('1234')));
  });

  it('builds the wa.me link with the message typed in, from a number written any common way', () => {
    assert.equal(whatsappNumberDigits('+49 (30) 123-4567'), '49301234567');
    assert.equal(whatsappNumberDigits('call us'), undefined);
    assert.equal(whatsappNumberDigits('+0 123'), undefined);
    assert.equal(whatsappConfirmationLink('49301234567', 'Confirm: AB12-CD34 & more'), 'https://wa.me/49301234567?text=Confirm%3A%20AB12-CD34%20%26%20more');
  });
});
