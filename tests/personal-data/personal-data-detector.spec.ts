import { PersonalDataDetector, type PersonTruth } from './personal-data-detector';

const amina: PersonTruth = { id: '3f1c2b11-0b6f-4c1e-9a57-0d6a3f1c2b11', pseudonym: '9a570d6a-3f57-4c1e-9a57-0d6a3f1c2b11', givenName: 'Amina', familyName: 'Diallo', birthDate: '1998-05-17', phone: '+39 33 1234567', email: 'amina.diallo4@example.org' };
const joy: PersonTruth = { id: '0d6a3f1c-3f57-4c1e-9a57-3f1c2b110b6f', pseudonym: '4c1e9a57-3f57-4c1e-9a57-0d6a3f1c2b11', givenName: 'Joy', familyName: 'Bello', birthDate: '1987-11-02' };

describe('PersonalDataDetector', () => {
  const detector = new PersonalDataDetector([amina, joy], [amina]);

  it('finds an erased id, the erased pseudonym where it may not be, a full name, a birth date, any phone or e-mail', () => {
    expect(detector.inspect(`{"beneficiary_id":"${amina.id.toUpperCase()}"}`)).toEqual([{ kind: 'erased id', value: amina.id }]);
    expect(detector.inspect(`key=${amina.pseudonym}`)).toEqual([{ kind: 'erased pseudonym', value: amina.pseudonym }]);
    expect(detector.inspect(`key=${amina.pseudonym}`, { pseudonymsUnlinked: true })).toEqual([]);
    expect(detector.inspect('{"note":"called Joy, whose family name is Bello"}')).toEqual([{ kind: 'name', value: 'Joy Bello' }]);
    expect(detector.inspect('born 1987-11-02T00:00:00Z')).toEqual([{ kind: 'birth date', value: '1987-11-02' }]);
    expect(detector.inspect('"phone":"+30 690 5551234"')).toEqual([{ kind: 'phone', value: '+30 690 5551234' }]);
    expect(detector.inspect('write to someone.else@mail.example.com')).toEqual([{ kind: 'email', value: 'someone.else@mail.example.com' }]);
  });

  it('lets through what names no one: a name part alone, other dates, a living person’s ids, counts', () => {
    expect(detector.inspect('{"title":"Joy of cooking","org":"Mensa Srl"}')).toEqual([]);
    expect(detector.inspect('Amina and Bello')).toEqual([]);
    expect(detector.inspect(`{"enrolled_on":"2025-03-01","id":"${joy.id}","pseudonym":"${joy.pseudonym}","n":1234567}`)).toEqual([]);
  });
});
