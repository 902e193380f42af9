package com.penguinmails.hub.platform.web;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class NoOpBaselineEndpointUnitTests {

    private final ApplicationContextRunner contexts = new ApplicationContextRunner()
            .withUserConfiguration(NoOpBaselineEndpoint.class);

    @Test
    void existsOnlyWhenTheBenchmarkSettingIsTrue() {
        contexts.run(context -> assertThat(context).doesNotHaveBean(NoOpBaselineEndpoint.class));
        contexts.withPropertyValues("hub.bench.no-op-endpoint=false")
                .run(context -> assertThat(context).doesNotHaveBean(NoOpBaselineEndpoint.class));
        contexts.withPropertyValues("hub.bench.no-op-endpoint=true")
                .run(context -> assertThat(context).hasSingleBean(NoOpBaselineEndpoint.class));
    }

    @Test
    void readsAnyBodyAndAnswersOk() throws Exception {
        MockMvc mvc = MockMvcBuilders.standaloneSetup(new NoOpBaselineEndpoint()).build();
        mvc.perform(post(NoOpBaselineEndpoint.PATH).contentType(MediaType.APPLICATION_JSON)
                        .content("[{\"event\":\"delivered\"}]"))
                .andExpect(status().isOk())
                .andExpect(content().json("{\"status\":\"ok\"}"));
        mvc.perform(post(NoOpBaselineEndpoint.PATH).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .content("signature=abc&event=opened"))
                .andExpect(status().isOk());
    }
}
