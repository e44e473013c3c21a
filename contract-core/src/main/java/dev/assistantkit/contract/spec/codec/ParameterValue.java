package dev.assistantkit.contract.spec.codec;

/**
 * One parameter of a request, decoded.
 *
 * @param parameter the parameter
 * @param result its value, its absence, or its problems
 */
public record ParameterValue(ParameterCodec parameter, DecodeResult result) {}
