# tts_flite synthesises speech with Debian's flite (libflite1) and its CMU US voices.
mockroom_speech_plugin(tts_flite)
target_link_libraries(tts_flite PRIVATE flite_cmu_us_slt flite_cmu_us_rms flite_cmu_us_awb flite_cmu_us_kal16
  flite_usenglish flite_cmulex flite m)
