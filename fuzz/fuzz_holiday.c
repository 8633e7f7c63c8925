/*
** fuzz_holiday.c — a file of holidays as the calendar imports it (src/sop/calendar.c): CSV
** (holiday_parse_csv) or iCalendar .ics (holiday_parse_ics), as holiday_parse_file chooses by
** the name the first byte picks and the text. Every day read is a real YYYY-MM-DD day, every
** name fits, every kind is one of the three, an error says its line.
*/
#include "fuzz.h"
#include "../src/sop/calendar.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size){
  if( size<1 ) return 0;
  static const char *const names[] = { "libur.csv", "libur.ics", 0, "LIBUR.ICS" };
  const char *name = names[data[0] & 3];
  const char *lang = data[0] & 4 ? "en" : "id";
  char *text = fuzz_str(data+1, size-1);
  HolidayList l = {0};
  char err[256] = "";
  int rc = holiday_parse_file(name, text, size-1, &l, lang, err, sizeof err);
  if( rc==OK ){
    for(int i=0; i<l.n; i++){
      FUZZ_CHECK(time_is_day(l.rows[i].day));
      FUZZ_CHECK(strlen(l.rows[i].name)<=HOLIDAY_NAME_BYTES);
      FUZZ_CHECK(util_utf8_bad_line(l.rows[i].name, strlen(l.rows[i].name))==0);
      static const char *const kinds[] = { "national", "cuti_bersama", "local", 0 };
      FUZZ_CHECK(util_in_list(kinds, l.rows[i].kind));
    }
    FUZZ_CHECK(holiday_list_held(&l)<=l.n);
  }else{
    FUZZ_CHECK(err[0]!=0);
    FUZZ_CHECK(l.n==0);
  }
  holiday_list_free(&l);
  free(text);
  return 0;
}
