import { comingOfAgeNoticeOn } from './coming-of-age.rules';

describe(comingOfAgeNoticeOn.name, () => {
  it.each([
    ['youth care long running: six months before the birthday', '2027-09-15', '2024-01-01', '2027-03-15'],
    ['youth care starting within the six months: its start', '2027-09-15', '2027-06-01', '2027-06-01'],
    ['a birthday at the end of a month: the same day six months before, or the month’s last', '2027-08-31', '2020-01-01', '2027-02-28'],
    ['youth care starting the day before the birthday', '2027-09-15', '2027-09-14', '2027-09-14'],
  ])('should announce %s', (_, eighteenOn, firstStart, expected) => {
    expect(comingOfAgeNoticeOn(eighteenOn, firstStart)).toBe(expected);
  });

  it('should not announce youth care that starts on or after the 18th birthday (extended youth care)', () => {
    expect(comingOfAgeNoticeOn('2027-09-15', '2027-09-15')).toBeNull();
    expect(comingOfAgeNoticeOn('2027-09-15', '2028-01-01')).toBeNull();
  });
});
