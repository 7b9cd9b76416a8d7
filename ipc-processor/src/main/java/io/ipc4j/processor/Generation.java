package io.ipc4j.processor;

/**
 * What the generators of one class share: the allocated names, the codecs and the converter constants.
 *
 * @param names the names of the generated class's members
 * @param codecs the codec constants and classes
 * @param converters the converter constants
 */
record Generation(Names names, CodecGenerator codecs, ConverterGenerator converters) {}
