# UTF-7 decoding of lone surrogates and bad shift sequences, with several error handlers.
for raw in [b'a+AGE-b', b'a+AGEA-b', b'a+AGEAYQ-b', b'a+AGEAYQA-b', b'a+AGEAYQB-b', b'a+AGEAYQAA-b',b'a+2AE-b', b'a+2AEA-b', b'a+2AEAAA-b', b'a+IKwgrNgBA-b',b'a+IKwgrNgB-b', b'a+IKwgrNgBAA-b', b'a+2AE\xffb', b'a+2AE.b', b'a+2AE+b', b'a+AGE\xffb', b'a+2AE', b'a+AGEAYQAAA-b', b'a+AGEAYQAAA', b'a+AG-b', b'a+AGEAYQAAA.b',b'a+AGEAYQAAA\xffb', b'a+A-b', b'a+2AE+AGE-b', b'a+2AE', b'a+2AEA',b'a+AGEA', b'a+AGE', b'+-', b'a+IKzYAd-b', b'a+IKzYAQ\xffb']:
    for errors in ['replace', 'ignore', 'backslashreplace']:
        print(raw, errors, ascii(raw.decode('utf-7', errors)))
    try: raw.decode('utf-7')
    except UnicodeDecodeError as e: print(e)
import codecs
d = codecs.getincrementaldecoder('utf-7')()
print(ascii([d.decode(bytes([c])) for c in b'a+IKwgrNgB-b+AGE']), ascii(d.decode(b'', True)))
