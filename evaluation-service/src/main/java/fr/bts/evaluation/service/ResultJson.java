package fr.bts.evaluation.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.bts.evaluation.deliberation.ResultatCandidat;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** A candidate's result as it is stored in a sealed revision (the engine's result as JSON) and read back. */
@ApplicationScoped
public class ResultJson {

    @Inject
    ObjectMapper mapper;

    public String write(ResultatCandidat result) {
        try {
            return mapper.writeValueAsString(result);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public ResultatCandidat read(String json) {
        try {
            return mapper.readValue(json, ResultatCandidat.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored result unreadable", e);
        }
    }
}
